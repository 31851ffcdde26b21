package dev.roundtable.bench.load;

/** A member that sends commands when the pacer says one is due. Called on the client's event loop. */
public interface Sender {

  void sendNext();
}
