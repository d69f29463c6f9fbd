// The sandboxed preload: exposes `window.countersign`, built from the contract, and
// nothing else. It is bundled to one CommonJS file (sandboxed preloads cannot require
// our modules) by scripts/build.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../../shared/contract/api.ts';
import { createIpcTransport } from './ipc-transport.ts';

/** The global name of the API in the renderer. */
export const API_KEY = 'countersign';

// buildApi returns plain objects of plain functions: contextBridge copies exactly that.
contextBridge.exposeInMainWorld(API_KEY, buildApi(createIpcTransport(ipcRenderer)));
