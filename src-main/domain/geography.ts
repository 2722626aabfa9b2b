/**
 * Countries and regions with their names in English, Simplified and Traditional Chinese, ISO and MCC codes.
 * The matcher reads titles with them; the simulators write titles with them.
 */
export interface Destination {
  iso: string;
  en: string;
  zhCN: string;
  zhTW: string;
  /** E.212 mobile country code (Linksfield and BillionConnect key countries by it). */
  mcc: string;
}

export const DESTINATIONS: readonly Destination[] = [
  { iso: 'HK', en: 'Hong Kong', zhCN: '香港', zhTW: '香港', mcc: '454' },
  { iso: 'MO', en: 'Macau', zhCN: '澳门', zhTW: '澳門', mcc: '455' },
  { iso: 'TW', en: 'Taiwan', zhCN: '台湾', zhTW: '台灣', mcc: '466' },
  { iso: 'CN', en: 'China', zhCN: '中国大陆', zhTW: '中國大陸', mcc: '460' },
  { iso: 'JP', en: 'Japan', zhCN: '日本', zhTW: '日本', mcc: '440' },
  { iso: 'KR', en: 'Korea', zhCN: '韩国', zhTW: '韓國', mcc: '450' },
  { iso: 'TH', en: 'Thailand', zhCN: '泰国', zhTW: '泰國', mcc: '520' },
  { iso: 'SG', en: 'Singapore', zhCN: '新加坡', zhTW: '新加坡', mcc: '525' },
  { iso: 'MY', en: 'Malaysia', zhCN: '马来西亚', zhTW: '馬來西亞', mcc: '502' },
  { iso: 'VN', en: 'Vietnam', zhCN: '越南', zhTW: '越南', mcc: '452' },
  { iso: 'PH', en: 'Philippines', zhCN: '菲律宾', zhTW: '菲律賓', mcc: '515' },
  { iso: 'ID', en: 'Indonesia', zhCN: '印度尼西亚', zhTW: '印尼', mcc: '510' },
  { iso: 'AU', en: 'Australia', zhCN: '澳大利亚', zhTW: '澳洲', mcc: '505' },
  { iso: 'NZ', en: 'New Zealand', zhCN: '新西兰', zhTW: '紐西蘭', mcc: '530' },
  { iso: 'US', en: 'United States', zhCN: '美国', zhTW: '美國', mcc: '310' },
  { iso: 'CA', en: 'Canada', zhCN: '加拿大', zhTW: '加拿大', mcc: '302' },
  { iso: 'GB', en: 'United Kingdom', zhCN: '英国', zhTW: '英國', mcc: '234' },
  { iso: 'FR', en: 'France', zhCN: '法国', zhTW: '法國', mcc: '208' },
  { iso: 'DE', en: 'Germany', zhCN: '德国', zhTW: '德國', mcc: '262' },
  { iso: 'IT', en: 'Italy', zhCN: '意大利', zhTW: '義大利', mcc: '222' },
  { iso: 'ES', en: 'Spain', zhCN: '西班牙', zhTW: '西班牙', mcc: '214' },
  { iso: 'CH', en: 'Switzerland', zhCN: '瑞士', zhTW: '瑞士', mcc: '228' },
  { iso: 'TR', en: 'Turkey', zhCN: '土耳其', zhTW: '土耳其', mcc: '286' },
  { iso: 'AE', en: 'United Arab Emirates', zhCN: '阿联酋', zhTW: '阿聯酋', mcc: '424' },
  { iso: 'IN', en: 'India', zhCN: '印度', zhTW: '印度', mcc: '404' },
  { iso: 'MX', en: 'Mexico', zhCN: '墨西哥', zhTW: '墨西哥', mcc: '334' },
  { iso: 'BR', en: 'Brazil', zhCN: '巴西', zhTW: '巴西', mcc: '724' },
  { iso: 'EG', en: 'Egypt', zhCN: '埃及', zhTW: '埃及', mcc: '602' },
];

export interface Region {
  code: string;
  en: string;
  zhCN: string;
  zhTW: string;
  countries: readonly string[];
}

export const REGIONS: readonly Region[] = [
  { code: 'EU12', en: 'Europe 12-Country', zhCN: '欧洲12国', zhTW: '歐洲12國', countries: ['GB', 'FR', 'DE', 'IT', 'ES', 'CH', 'NL', 'BE', 'AT', 'PT', 'GR', 'SE'] },
  { code: 'ASIA8', en: 'Asia 8-Country', zhCN: '亚洲8国', zhTW: '亞洲8國', countries: ['JP', 'KR', 'TH', 'SG', 'MY', 'VN', 'PH', 'ID'] },
  { code: 'GCN3', en: 'China, Hong Kong & Macau', zhCN: '中港澳', zhTW: '中港澳', countries: ['CN', 'HK', 'MO'] },
  { code: 'NA2', en: 'USA & Canada', zhCN: '美国加拿大', zhTW: '美國加拿大', countries: ['US', 'CA'] },
  { code: 'ANZ', en: 'Australia & New Zealand', zhCN: '澳新', zhTW: '澳紐', countries: ['AU', 'NZ'] },
];
