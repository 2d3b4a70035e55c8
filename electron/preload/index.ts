// Runs in the sandboxed preload: exposes window.atom (the typed contract API) and
// window.atomPlatform, and nothing else, across the context bridge.
import { contextBridge, ipcRenderer } from 'electron';
import { createAtomApi } from './api';

contextBridge.exposeInMainWorld('atom', createAtomApi(ipcRenderer));
contextBridge.exposeInMainWorld('atomPlatform', Object.freeze({ mode: 'electron' as const }));
