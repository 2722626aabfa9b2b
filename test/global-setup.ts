import { ensureNodeNativeModules } from '../scripts/native-modules.mjs';

/** Tests run under Node: make sure better-sqlite3 is built for Node's ABI (npm run dist rebuilds it for Electron). */
export default function setup(): void {
  ensureNodeNativeModules();
}
