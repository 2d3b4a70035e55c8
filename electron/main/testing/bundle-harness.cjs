/* eslint-disable @typescript-eslint/no-require-imports -- runs as plain CommonJS in a child node */
// Boots the BUILT main bundle under plain Node with `electron` resolved to the compiled
// stub, plays the renderer for a moment through the registered IPC handlers, quits
// through the real quit path, and prints one JSON line for the test to check.
const Module = require('node:module');

const stubPath = process.env.ATOM_STUB;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? stubPath : resolve.call(this, request, ...rest);
};
const stub = require(stubPath);
stub.app.paths.userData = process.env.ATOM_USER_DATA;
stub.dialog.answer = { response: 1, checkboxChecked: false }; // never stop anything if asked
const report = {};
stub.app.exit = (code) => {
  report.exitCode = code;
  console.log(`HARNESS ${JSON.stringify(report)}`);
  process.exit(code);
};

require(process.env.ATOM_MAIN);

const page = { url: 'app://atom/index.html' };
const fromPage = { senderFrame: page, sender: { mainFrame: page } };
const deadline = Date.now() + 60_000;
const timer = setInterval(async () => {
  const win = stub.BrowserWindow.instances[0];
  if (!win || win.loaded.length === 0) {
    if (Date.now() > deadline) {
      console.log('HARNESS {"error":"no window within 60 s"}');
      process.exit(2);
    }
    return;
  }
  clearInterval(timer);
  const call = (name, event, input) => stub.ipcMain.handlers.get(`atom:cmd:${name}`)(event, input);
  report.handlers = [...stub.ipcMain.handlers.keys()];
  report.loaded = win.loaded;
  report.webPreferences = win.options.webPreferences;
  report.info = await call('app.info', fromPage, {});
  report.forbidden = await call('stack.get', { senderFrame: { url: 'https://evil.example/' } }, {});
  report.badArgs = await call('service.start', fromPage, { service: 42 });
  // Give the engine connection a moment, then read its state through IPC.
  for (let i = 0; i < 50; i++) {
    report.engine = await call('engine.get', fromPage, {});
    if (report.engine.ok && report.engine.value.status !== 'connecting') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  win.webContents.ipc.emit('atom:ready', { senderFrame: win.webContents.mainFrame });
  await new Promise((r) => setTimeout(r, 200));
  report.eventNames = [...new Set(win.webContents.sent.flatMap((m) => m.args[0].map((e) => e.name)))];
  const served = await stub.session.defaultSession.protocol.handlers.get('app')({ url: 'app://atom/../../package.json' });
  report.traversalStatus = served.status;
  let prevented = false;
  stub.app.emit('before-quit', { preventDefault: () => (prevented = true) });
  report.quitPrevented = prevented;
}, 50);
