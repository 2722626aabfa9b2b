// The sync worker as the bench bundles it (bench/bundle-sync.ts): the app's own entry, after a tap that records the
// thread's requests when the sync child asks for it. Imports evaluate in order: the tap is in place first.
import './sync-worker-tap';
import '../src-main/sync/worker/entry';
