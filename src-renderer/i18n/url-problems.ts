import type { Dictionary } from './dictionary';

/** The URL rule's codes (src-main/config/url-policy.ts), as the supplier form and the Settings screen say them. */
export const urlProblemsDictionary: Dictionary = {
  en: {
    'url.invalid': 'Enter a full address starting with https://',
    'url.scheme': 'Only http:// and https:// addresses are allowed, not {scheme}:',
    'url.credentials':
      'Take the user name and password out of the address (user:pass@): credentials go in their own fields.',
    'url.insecureHttp': 'Plain http:// to {host} is not encrypted. Use https://, or tick “Allow insecure HTTP” below.',
    'insecure.warning':
      'This address uses plain http:// to {host}: anyone on the way can read and change what is sent, signatures included.',
    'insecure.allow': 'Allow insecure HTTP for this address',
  },
  'zh-CN': {
    'url.invalid': '请输入以 https:// 开头的完整地址',
    'url.scheme': '只允许 http:// 或 https:// 地址，不能使用 {scheme}:',
    'url.credentials': '请从地址中删除用户名和密码（user:pass@）：凭据请填写在各自的字段中。',
    'url.insecureHttp': '通过明文 http:// 连接 {host} 不加密。请使用 https://，或勾选下方的“允许不安全的 HTTP”。',
    'insecure.warning': '此地址通过明文 http:// 连接 {host}：传输途中任何人都能读取和篡改发送的内容，包括签名。',
    'insecure.allow': '允许此地址使用不安全的 HTTP',
  },
};
