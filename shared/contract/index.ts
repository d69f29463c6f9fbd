export * from './api.ts';
export * from './channels.ts';
export * from './define.ts';
export * from './dispatch.ts';
export * from './result.ts';
export * from './schemas/app.ts';
export * from './schemas/connections.ts';
export * from './schemas/verification.ts';
