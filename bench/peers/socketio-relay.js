'use strict';
// Socket.IO room relay, the Socket.IO peer of the Roundtable benchmark: a client emits "join" with a room
// name and gets "joined"; every "msg" it emits ({r: room, ...}) goes to everyone else in that room.
// No state beyond Socket.IO's own room membership, no persistence. Usage:
//   node --expose-gc socketio-relay.js --port 0      (prints "listening <port>")
const http = require('node:http');
const { Server } = require('socket.io');
const { handleStats, portFromArgs } = require('./stats');

let io;
const server = http.createServer((req, res) => {
  if (!handleStats(req, res, () => io.engine.clientsCount)) {
    res.writeHead(404).end();
  }
});
io = new Server(server, {
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  // The bench opens thousands of sockets at once; the defaults would be fine, this only documents them.
  pingInterval: 25000,
  pingTimeout: 20000,
});

io.on('connection', (socket) => {
  socket.on('join', (room) => {
    socket.join(room);
    socket.emit('joined', room);
  });
  socket.on('msg', (message) => {
    socket.to(message.r).emit('msg', message);
  });
});

server.listen(portFromArgs(), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
