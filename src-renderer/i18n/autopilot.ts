import type { Dictionary } from './dictionary';

/** The background service (`supplygrid daemon`) and, with it, alerts. */
export const autopilotDictionary: Dictionary = {
  en: {
    'daemon.title': 'Synced by the background service',
    'daemon.body':
      'The background service (supplygrid daemon, process {pid} on {host}) syncs this database on its schedule, so this app does not sync it. Last seen {heartbeat}.',
    'daemon.appBody':
      'Another SupplyGrid window or process (process {pid} on {host}) is syncing this database right now. Last seen {heartbeat}.',
    'daemon.cliBody':
      'The command-line tool (supplygrid sync or restore, process {pid} on {host}) is working on this database right now. Last seen {heartbeat}.',
    'busy.title': 'Being synced elsewhere',
    synced_by_background_service:
      'Not started: the background service syncs this database, so this app leaves it to it.',
    synced_by_command_line:
      'Not started: the command-line tool (supplygrid sync or restore) is working on this database. Try again once it is done.',
    synced_by_other_window:
      'Not started: another SupplyGrid window or process is syncing this database. Try again once it is done.',
  },
  'zh-CN': {
    'daemon.title': '由后台服务同步',
    'daemon.body':
      '后台服务（supplygrid daemon，{host} 上的进程 {pid}）按计划同步此数据库，因此本应用不会同步它。最近活动：{heartbeat}。',
    'daemon.appBody': '另一个 SupplyGrid 窗口或进程（{host} 上的进程 {pid}）正在同步此数据库。最近活动：{heartbeat}。',
    'daemon.cliBody':
      '命令行工具（supplygrid sync 或 restore，{host} 上的进程 {pid}）正在处理此数据库。最近活动：{heartbeat}。',
    'busy.title': '正在别处同步',
    synced_by_background_service: '未开始：此数据库由后台服务同步，本应用交由它处理。',
    synced_by_command_line: '未开始：命令行工具（supplygrid sync 或 restore）正在处理此数据库，请在它完成后重试。',
    synced_by_other_window: '未开始：另一个 SupplyGrid 窗口或进程正在同步此数据库，请在它完成后重试。',
  },
};
