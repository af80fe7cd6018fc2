// Preloaded into supergateway (node --require), which has no option for its listening address and would listen on
// every interface: a listen(port[, callback]) without a host is given 127.0.0.1, as the suite's servers all are.
'use strict';
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const port = args[0];
  if ((typeof port === 'number' || (typeof port === 'string' && /^\d+$/.test(port))) && typeof args[1] !== 'string') {
    args.splice(1, 0, '127.0.0.1');
  } else if (port && typeof port === 'object' && port.port !== undefined && port.host === undefined && port.path === undefined) {
    args[0] = { ...port, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
