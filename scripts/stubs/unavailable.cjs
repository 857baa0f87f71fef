// Stands in for `net` and `child_process` in the language server bundle: the libraries import them
// for transports and helpers crmsync never uses (sockets, pipes, global npm lookup), and the
// server must make no network connection and start no process.
'use strict';
module.exports = new Proxy(
  {},
  {
    get(_, name) {
      if (name === '__esModule' || typeof name === 'symbol') return undefined;
      return () => {
        throw new Error(`crmsync-language-server: '${String(name)}' is not available (the server opens no connection and starts no process)`);
      };
    },
  },
);
