export function ensureNodeNativeModules(): void;
export function electronVersion(): string;
export function ensureElectronNativeModule(log?: (line: string) => void): string;
