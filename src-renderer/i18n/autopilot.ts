import type { Dictionary } from './dictionary';

/** The background service (`supplygrid daemon`) and, with it, alerts. */
export const autopilotDictionary: Dictionary = {
  en: {
    'daemon.title': 'Synced by the background service',
    'daemon.body':
      'The background service (supplygrid daemon, process {pid} on {host}) syncs this database on its schedule, so this app does not sync it. Last seen {heartbeat}.',
    'daemon.appBody':
      'Another SupplyGrid window or process (process {pid} on {host}) is syncing this database right now. Last seen {heartbeat}.',
    synced_by_background_service:
      'Not started: the background service syncs this database, so this app leaves it to it.',
  },
  'zh-CN': {
    'daemon.title': '由后台服务同步',
    'daemon.body':
      '后台服务（supplygrid daemon，{host} 上的进程 {pid}）按计划同步此数据库，因此本应用不会同步它。最近活动：{heartbeat}。',
    'daemon.appBody': '另一个 SupplyGrid 窗口或进程（{host} 上的进程 {pid}）正在同步此数据库。最近活动：{heartbeat}。',
    synced_by_background_service: '未开始：此数据库由后台服务同步，本应用交由它处理。',
  },
};
