export { buildApp } from './app';
export { createServices } from './services';
export { openDatabase } from './db/database';
