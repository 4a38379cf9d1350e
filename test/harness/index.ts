// The test bed for real-VS-Code tests: install, server, browser, UI helpers, emulator remote.
export * from './paths';
export * from './install';
export * from './server';
export * from './workbench';
export * from './ui';
export * from './emulatorControl';
export * from './emulatorRemote';
