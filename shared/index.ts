export * from './result';
export * from './stack';
export * from './traffic';
export * from './settings';
export * from './contract';
