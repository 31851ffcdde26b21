'use strict';
// Plain WebSocket room relay (the "ws" peer of the Roundtable benchmark): {"t":"join","r":room} is answered
// with {"t":"joined"}; {"t":"msg","r":room,...} is forwarded unchanged to everyone else in the room.
// One map of room → sockets, no persistence. Usage:
//   node --expose-gc ws-relay.js --port 0            (prints "listening <port>")
const http = require('node:http');
const { WebSocketServer } = require('ws');
const { handleStats, portFromArgs } = require('./stats');

const rooms = new Map();
const server = http.createServer((req, res) => {
  if (!handleStats(req, res, () => wss.clients.size)) {
    res.writeHead(404).end();
  }
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });

wss.on('connection', (socket) => {
  let joined = null;
  socket.on('message', (data, isBinary) => {
    let message;
    try {
      message = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (message.t === 'join') {
      joined = message.r;
      if (!rooms.has(joined)) {
        rooms.set(joined, new Set());
      }
      rooms.get(joined).add(socket);
      socket.send('{"t":"joined"}');
    } else if (message.t === 'msg') {
      const members = rooms.get(message.r);
      if (!members) {
        return;
      }
      for (const other of members) {
        if (other !== socket && other.readyState === 1) {
          other.send(data, { binary: isBinary });
        }
      }
    }
  });
  socket.on('close', () => {
    const members = joined && rooms.get(joined);
    if (members) {
      members.delete(socket);
      if (members.size === 0) {
        rooms.delete(joined);
      }
    }
  });
});

server.listen(portFromArgs(), '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
