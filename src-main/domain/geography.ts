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
  {
    code: 'EU12',
    en: 'Europe 12-Country',
    zhCN: '欧洲12国',
    zhTW: '歐洲12國',
    countries: ['GB', 'FR', 'DE', 'IT', 'ES', 'CH', 'NL', 'BE', 'AT', 'PT', 'GR', 'SE'],
  },
  {
    code: 'ASIA8',
    en: 'Asia 8-Country',
    zhCN: '亚洲8国',
    zhTW: '亞洲8國',
    countries: ['JP', 'KR', 'TH', 'SG', 'MY', 'VN', 'PH', 'ID'],
  },
  { code: 'GCN3', en: 'China, Hong Kong & Macau', zhCN: '中港澳', zhTW: '中港澳', countries: ['CN', 'HK', 'MO'] },
  { code: 'NA2', en: 'USA & Canada', zhCN: '美国加拿大', zhTW: '美國加拿大', countries: ['US', 'CA'] },
  { code: 'ANZ', en: 'Australia & New Zealand', zhCN: '澳新', zhTW: '澳紐', countries: ['AU', 'NZ'] },
];

// ---------------------------------------------------------------------------------------------------------
// The one table of place names the matcher (titles) and search (what a merchant types) both read. Every country's
// own name in English, Simplified and Traditional Chinese comes from ICU (Intl.DisplayNames); this table adds what
// ICU does not know: the short forms suppliers and merchants write, and the regions bundles are named after.

/** A named region: its names in the three languages, then other spellings in any of them. No member list: a region's
 * countries differ from supplier to supplier, so the matcher learns each counted bundle's from the catalog. */
export interface RegionName {
  code: string;
  en: string;
  zhCN: string;
  zhTW: string;
  aliases: readonly string[];
}

export const REGION_NAMES: readonly RegionName[] = [
  { code: 'EU', en: 'Europe', zhCN: '欧洲', zhTW: '歐洲', aliases: ['european', 'european union', '欧盟', '歐盟'] },
  { code: 'ASIA', en: 'Asia', zhCN: '亚洲', zhTW: '亞洲', aliases: ['asian'] },
  {
    code: 'SEA',
    en: 'Southeast Asia',
    zhCN: '东南亚',
    zhTW: '東南亞',
    aliases: ['south east asia', 'south-east asia', 'se asia'],
  },
  { code: 'ASEAN', en: 'ASEAN', zhCN: '东盟', zhTW: '東盟', aliases: ['東協', '东协'] },
  {
    code: 'APAC',
    en: 'Asia Pacific',
    zhCN: '亚太',
    zhTW: '亞太',
    aliases: ['apac', 'asia-pacific', '亚太地区', '亞太地區'],
  },
  { code: 'AMERICAS', en: 'Americas', zhCN: '美洲', zhTW: '美洲', aliases: [] },
  { code: 'NA', en: 'North America', zhCN: '北美', zhTW: '北美', aliases: ['北美洲'] },
  {
    code: 'LATAM',
    en: 'Latin America',
    zhCN: '拉美',
    zhTW: '拉美',
    aliases: ['south america', 'latam', '南美', '南美洲', '拉丁美洲'],
  },
  { code: 'CENTRAL-AMERICA', en: 'Central America', zhCN: '中美洲', zhTW: '中美洲', aliases: [] },
  { code: 'CARIBBEAN', en: 'Caribbean', zhCN: '加勒比', zhTW: '加勒比', aliases: [] },
  { code: 'ME', en: 'Middle East', zhCN: '中东', zhTW: '中東', aliases: [] },
  { code: 'GULF', en: 'Gulf', zhCN: '海湾', zhTW: '海灣', aliases: ['gcc'] },
  { code: 'AF', en: 'Africa', zhCN: '非洲', zhTW: '非洲', aliases: [] },
  { code: 'OC', en: 'Oceania', zhCN: '大洋洲', zhTW: '大洋洲', aliases: [] },
  { code: 'BALKANS', en: 'Balkans', zhCN: '巴尔干', zhTW: '巴爾幹', aliases: [] },
  { code: 'NORDIC', en: 'Nordic', zhCN: '北欧', zhTW: '北歐', aliases: ['scandinavia'] },
  {
    code: 'GLOBAL',
    en: 'Global',
    zhCN: '全球',
    zhTW: '全球',
    aliases: ['worldwide', 'world', '环球', '環球', '全世界'],
  },
];

/** Short names for a fixed group of places ("港澳台" is always Hong Kong, Macau and Taiwan). */
export const PLACE_GROUPS: ReadonlyArray<{ names: readonly string[]; countries: readonly string[] }> = [
  { names: ['中港澳', '中國港澳'], countries: ['CN', 'HK', 'MO'] },
  { names: ['中港澳台', '中港澳臺'], countries: ['CN', 'HK', 'MO', 'TW'] },
  { names: ['港澳', 'hong kong macau', 'hong kong and macau'], countries: ['HK', 'MO'] },
  { names: ['港澳台', '港澳臺', 'hong kong macau taiwan'], countries: ['HK', 'MO', 'TW'] },
  { names: ['日韩', '日韓'], countries: ['JP', 'KR'] },
  { names: ['新马泰', '新馬泰', '星马泰', '星馬泰'], countries: ['SG', 'MY', 'TH'] },
  { names: ['新马', '新馬', '星马', '星馬'], countries: ['SG', 'MY'] },
  { names: ['澳新', '澳紐'], countries: ['AU', 'NZ'] },
  { names: ['美加'], countries: ['US', 'CA'] },
];

/** Other names of one country, in any language (ICU's own names in the three languages need no entry). */
export const COUNTRY_ALIASES: ReadonlyArray<[string, string]> = [
  ['usa', 'US'],
  ['u s a', 'US'],
  ['united states of america', 'US'],
  ['america', 'US'],
  ['uk', 'GB'],
  ['great britain', 'GB'],
  ['britain', 'GB'],
  ['england', 'GB'],
  ['korea', 'KR'],
  ['south korea', 'KR'],
  ['republic of korea', 'KR'],
  ['hongkong', 'HK'],
  ['macao', 'MO'],
  ['macau', 'MO'],
  ['mainland china', 'CN'],
  ['china mainland', 'CN'],
  ['viet nam', 'VN'],
  ['turkiye', 'TR'],
  ['uae', 'AE'],
  ['emirates', 'AE'],
  ['holland', 'NL'],
  ['czech republic', 'CZ'],
  ['russia', 'RU'],
  ['laos', 'LA'],
  ['burma', 'MM'],
  ['ivory coast', 'CI'],
  ['中国香港', 'HK'],
  ['中國香港', 'HK'],
  ['中国澳门', 'MO'],
  ['中國澳門', 'MO'],
  ['中国台湾', 'TW'],
  ['中國台灣', 'TW'],
  ['台灣', 'TW'],
  ['臺灣', 'TW'],
  ['中国大陆', 'CN'],
  ['中國大陸', 'CN'],
  ['大陆', 'CN'],
  ['大陸', 'CN'],
  ['内地', 'CN'],
  ['內地', 'CN'],
  ['韩国', 'KR'],
  ['韓國', 'KR'],
  ['南韩', 'KR'],
  ['南韓', 'KR'],
  ['美國', 'US'],
  ['英國', 'GB'],
  ['澳洲', 'AU'],
  ['新西蘭', 'NZ'],
  ['紐西蘭', 'NZ'],
  ['纽西兰', 'NZ'],
  ['泰國', 'TH'],
  ['印尼', 'ID'],
  ['越南', 'VN'],
  ['菲律賓', 'PH'],
  ['馬來西亞', 'MY'],
  ['德國', 'DE'],
  ['法國', 'FR'],
  ['義大利', 'IT'],
  ['意大利', 'IT'],
  ['土耳其', 'TR'],
  ['阿联酋', 'AE'],
  ['阿聯酋', 'AE'],
  ['迪拜', 'AE'],
  ['杜拜', 'AE'],
  ['俄罗斯', 'RU'],
  ['俄羅斯', 'RU'],
  ['沙特', 'SA'],
  ['沙特阿拉伯', 'SA'],
  ['沙烏地阿拉伯', 'SA'],
];
