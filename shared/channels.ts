// Command names and IPC channel names, with no dependency at all: the sandboxed
// preload needs only these, not the argument schemas (which bring zod).

/** Every command of the contract, in allow-list order. contract.ts checks its schemas against it. */
export const COMMAND_NAMES = [
  'app.info',
  'app.diagnostics',
  'app.pickFolder',
  'engine.get',
  'engine.trustHost',
  'stack.get',
  'stack.up',
  'stack.cancel',
  'stack.stop',
  'stack.down',
  'stack.removeConflict',
  'service.start',
  'service.stop',
  'service.restart',
  'service.rebuild',
  'service.inspect',
  'terminal.open',
  'terminal.read',
  'terminal.write',
  'terminal.resize',
  'terminal.close',
  'stack.images',
  'stats.get',
  'config.get',
  'config.reveal',
  'checkout.inspect',
  'checkout.createEnv',
  'checkout.saveEnv',
  'logs.get',
  'logs.clear',
  'traffic.get',
  'traffic.query',
  'traffic.range',
  'traffic.message',
  'traffic.messageNode',
  'traffic.pause',
  'traffic.resume',
  'traffic.clear',
  'traffic.publish',
  'traffic.export',
  'valkey.probe',
  'recorder.get',
  'history.messages',
  'history.message',
  'history.logs',
  'history.timeline',
  'history.conversations',
  'history.export',
  'history.plan',
  'history.replay',
  'history.replayCancel',
  'history.importChunk',
  'history.importFinish',
  'history.importCancel',
  'settings.get',
  'settings.update',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** IPC channel names: one per command, one for all events. */
export const commandChannel = (name: CommandName): string => `atom:cmd:${name}`;
export const EVENTS_CHANNEL = 'atom:events';
/** Sent by the page once its listeners are attached; events are queued until then. */
export const READY_CHANNEL = 'atom:ready';
