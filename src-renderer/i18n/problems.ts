import type { Dictionary } from './dictionary';
import { itemProblemsDictionary } from './item-problems';

/**
 * What main says when something fails, worded here once and spread into the dictionaries of the screens that show it
 * (suppliers, sync, orders): the transport's and the suppliers' coded texts, and the causes a connection test or a
 * sync failure is sorted into, each with what to do; and why a supplier's item does not fit, and where (item-problems.ts).
 */
export const problemsDictionary: Dictionary = {
  en: {
    ...itemProblemsDictionary.en,
    // Transport (src-main/http/transport-text.ts): what happened to one request.
    'transport.silence': '{where}: timed out (no answer for {limit})',
    'transport.deadline':
      '{where}: no complete answer within {limit} (the limit for one request, however slowly it arrives)',
    'transport.connectFailed': '{where}: connection failed ({code})',
    'transport.rateLimited': '{where}: rate limited (HTTP 429)',
    'transport.serverError': '{where}: server error (HTTP {status})',
    'transport.redirect':
      '{where}: the supplier redirects this request (HTTP {status}) to {target}; redirects are not followed, so signed requests never go to an address you did not configure. If the supplier moved, change the connection’s address',
    'transport.redirectNowhere':
      '{where}: the supplier redirects this request (HTTP {status}) to an address it does not give; redirects are not followed, so signed requests never go to an address you did not configure',
    'transport.tooLargeAnnounced':
      '{where}: the answer is larger than the {max} one response may have (it announces {size}); it was not read further',
    'transport.tooLarge':
      '{where}: the answer is larger than the {max} one response may have (it went on past that); it was not read further',
    'transport.notJson': '{where}: response is not valid JSON (HTTP {status}, starts {start})',
    'transport.tooDeep':
      '{where}: the answer (HTTP {status}) nests lists and objects more than {max} levels deep, which no real answer does; it was not read',
    'transport.waitTooLong':
      '{error}; the supplier asks to wait {asked} before trying again, longer than the {longest} this connection waits, so it was not retried; try again later',

    // Suppliers (src-main/suppliers/shared/supplier-text.ts): what a supplier answered. {message} is its own words.
    'supplier.refused': '{where}: {message} ({code})',
    'supplier.refusedWithoutWords': '{where}: refused ({code})',
    'supplier.unexpected': '{where}: an answer SupplyGrid cannot read ({detail})',
    'supplier.noField': '{where}: the answer has no “{field}”',
    'supplier.notAList': '{where}: “{field}” in the answer is not a list',
    'supplier.notTheApi': '{where}: HTTP {status} without an answer from the supplier’s API; check the API address',
    'supplier.incomplete':
      '{where}: the catalog could not be listed completely ({detail}); the previous catalog is kept',
    'supplier.malformedPage': '{bad} of {total} items on one page are malformed (first: {first}: {reason})',
    'supplier.tooManyProducts':
      '{where}: the supplier reports {total} products, more than the {max} any catalog is believed to have; the listing was not started and the previous catalog is kept',
    'supplier.tooManyPages':
      '{where}: listing {total} products would take {pages} pages, more than the {max} one listing may take; the listing was not started and the previous catalog is kept',
    'supplier.tooManyListings':
      '{where}: the supplier’s directories name {listings} lists to read, more than the {max} one listing may take; they were not asked for and the previous catalog is kept',
    'supplier.ipBanned':
      '{where}: SEAGM has banned this IP address for repeatedly exceeding its rate limit (HTTP 418). Bans last from 30 minutes to 3 days; wait before syncing again.',
    'supplier.hint.bcParameters':
      'BillionConnect answers 1003 for any parameter error, including a signature that does not match the App key and App secret, and a sales method the account does not have',
    'supplier.hint.clockAhead':
      'this computer’s clock is {minutes} min ahead of the server’s, and every request carries the time',
    'supplier.hint.clockBehind':
      'this computer’s clock is {minutes} min behind the server’s, and every request carries the time',
    'supplier.fmsCode': 'code {code}',
    'supplier.fmsCode.2': 'code 2: bad parameters',
    'supplier.fmsCode.7': 'code 7: login token expired',
    'supplier.fmsCode.1102': 'code 1102: time conversion error',
    'supplier.fmsCode.3004': 'code 3004: order system error',
    'supplier.fmsCode.3005': 'code 3005: QR code missing',
    'supplier.fmsCode.6006': 'code 6006: pre-order timed out',
    'supplier.fmsCode.9999': 'code 9999: general error',
    'supplier.fmsCode.10008': 'code 10008: order does not exist',
    'supplier.fmsCode.10009': 'code 10009: price differs from the pre-order',
    'supplier.loginRefused':
      '{where}: login refused for {email} with partner code {partnerCode}: {message} ({code}); check the email, password and partner code',
    'supplier.tokenRefusedAgain':
      '{where}: the login token was refused again right after a new login ({code}: {message}); ask Linksfield whether the account is active',
    'listing.shortfall': 'saw {seen} distinct products of the {total} the server reported',
    'listing.emptyPage': 'page {page} of {pages} came back empty although the server reported {total} products',
    'listing.repeatedPage': 'page {page} of {pages} lists only products already listed on earlier pages',
    'listing.shrank':
      'products left the listing while it was read: by page {page} of {pages} the server total went from {before} to {after}; it was read twice, so sync again once the shop is quiet',
    'listing.shrankWithMany':
      'products left the listing while it was read, and {missing} products of the last catalog are missing, more than the {max} that can be asked for one by one; sync again once the shop is quiet',
    'listing.implausibleRise':
      'page {page} reported {total} products, more than any catalog SupplyGrid lists; the listing was stopped',
    'listing.halfFiltered': 'the server applied the change filter to some pages of the listing only',
    'listing.unwalkable': 'entry {entry} cannot be read ({detail})',
    'listing.partFailed': 'could not list {part}: {error}',
    'listing.noCountries': 'Linksfield lists no countries for partner {partner}',
    'listing.countryUnnamed': 'country {entry} of the country list has neither an MCC nor a name ({detail})',
    'listing.countryFailed': 'the package list for {country} failed: {error}',
    'listing.countryNoList': 'the package list for {country} has no list in it',
    'listing.noPackages': 'Linksfield lists {countries} countries but no package under any of them',
    'listing.noPackagesSomeUnusable':
      'Linksfield lists {countries} countries but no package under any of them ({unusable} listed without a usable id)',
    'listing.packageFailed': 'the detail of package {id} could not be fetched: {error}',
    'listing.noPackageIds': '{where}: {bad} of {total} packages listed for {country} have no usable id',
    'price.noneIn': 'no {currency} price (the account currency); priced in {offered}',
    'price.noneReadable': 'no {currency} price (the account currency), and no readable price in any currency',
    'price.several': 'several different {currency} prices ({amounts}); cannot tell which applies',
    'price.unreadable': 'currency entries unreadable: {count} (the first: {first})',
    'seagm.cardCategory': 'card category {id} ({name})',
    'seagm.topUpCategory': 'top-up category {id} ({name})',
    'seagm.operator': 'mobile operator {id} ({name}, {country})',
    'seagm.operatorsOf': 'the mobile operators of {country}',
    'supplier.noOrderToCancel': '{where}: the supplier has no order {key} to cancel',
    'supplier.canceledThenGone': '{where}: order {key} was canceled, but the supplier no longer shows it',
    'supplier.keyTakenNoOrder':
      '{where}: SEAGM says order {key} exists but does not show it; check SEAGM’s order list before ordering again',
    'supplier.cannotLookUp':
      '{where}: Linksfield cannot find an order by our number {key} and no pre-order id is known for it; check the orders in the Linksfield portal before ordering again',
    'supplier.preOrderGone': '{where}: Linksfield no longer knows pre-order {order}',
    'supplier.notConfirmedYet': '{where} has not confirmed this order yet, so it cannot be canceled',
    'supplier.otherOrder': '{where}: the answer is about order {theirs}, not {ours}',
    'supplier.createUnclear':
      '{where}: the answer could not be read ({detail}), and the supplier shows no order {key} yet; checking again',
    'supplier.pushRefused': '{where}: notification refused: {reason}',
    'push.notJson': 'the body is not JSON',
    'push.notNotification': 'not a BillionConnect notification ({detail})',
    'push.unreadable': '{trade} cannot be read ({detail})',
    'push.noSignature': 'no x-sign-value header, so nothing proves it comes from BillionConnect',
    'push.signMethod': 'x-sign-method is "{method}"; BillionConnect signs with md5',
    'push.badSignature':
      'x-sign-value is not md5(App secret + body): the body was altered, or it was signed with another App secret',

    // A sync run's failure (src-main/sync/run-failure.ts): its cause, worded below, and the error's own text.
    'sync.interrupted':
      'Interrupted: the process running this sync stopped before it finished. The previous catalog was kept.',

    // Why a connection test or a sync failed, and what to do (src-main/services/connection-test-cause.ts).
    'cause.dns.title': 'Address not found',
    'cause.dns.fix': 'No server has that name. Check the address for typos, and that this computer is online.',
    'cause.refused.title': 'Connection refused',
    'cause.refused.fix':
      'The server is there but nothing answers on that port. Check the address and port; the service may be down.',
    'cause.tls.title': 'Secure connection failed',
    'cause.tls.fix':
      'The server’s certificate was not accepted, or it does not speak https on that address. Check that the address is the supplier’s API and starts with the right https:// or http://.',
    'cause.timeout.title': 'No answer in time',
    'cause.timeout.fix': 'The supplier did not answer. Check the address, or try again later.',
    'cause.network.title': 'Network error',
    'cause.network.fix': 'The connection was dropped on the way. Check this computer’s network and try again.',
    'cause.credentials.title': 'Wrong key or secret',
    'cause.credentials.fix':
      'The supplier does not accept these credentials. Copy them again from the supplier’s portal (see the help under each field); a secret shown only once has to be regenerated.',
    'cause.credentialsOrSalesMethod.title': 'Wrong key, secret or sales method',
    'cause.credentialsOrSalesMethod.fix':
      'BillionConnect refuses a wrong App Key or App Secret and a sales method your account does not have with the same answer. Copy both from the “API Authorization” page and check the sales method with your sales representative.',
    'cause.accountDisabled.title': 'Account disabled',
    'cause.accountDisabled.fix':
      'The supplier says this account or its API access is disabled or not verified. Contact the supplier, or check the account in their portal.',
    'cause.clock.title': 'This computer’s clock is off',
    'cause.clock.fix':
      'Every request carries the time, and the supplier says it is wrong. Set this computer’s clock to update automatically, then try again.',
    'cause.rateLimited.title': 'Too many requests right now',
    'cause.rateLimited.fix':
      'The supplier’s request limit for this account is used up for the moment (a sync may be using it). Wait a minute and try again.',
    'cause.ipBanned.title': 'This IP address is blocked',
    'cause.ipBanned.fix':
      'SEAGM blocked this IP address for too many requests, for 30 minutes up to 3 days. Wait before trying again.',
    'cause.wrongAddress.title': 'Not the supplier’s API at this address',
    'cause.wrongAddress.fix': 'Something answered, but not this supplier’s API. Check the API address (see its help).',
    'cause.redirect.title': 'The address redirects elsewhere',
    'cause.redirect.fix': 'Signed requests never follow a redirect. If the supplier moved, enter its new address.',
    'cause.serverError.title': 'The supplier’s server failed',
    'cause.serverError.fix': 'The problem is on the supplier’s side. Try again later.',
    'cause.fields.title': 'Check the highlighted fields',
    'cause.fields.fix': 'Open this supplier’s settings, correct the fields it marks, then try again.',
    'cause.secretAgain.title': 'Enter the secret again',
    'cause.secretAgain.fix':
      'A stored secret is only used with the settings it was saved with: enter it again in this supplier’s settings.',
    'cause.unknown.title': 'It failed',
    'cause.unknown.fix': 'See the technical details.',
    'cause.incomplete.title': 'Part of the catalog could not be listed',
    'cause.incomplete.fix': 'Sync again later; if it keeps failing, the technical details say which part failed.',
    'cause.badAnswer.title': 'The supplier’s answers cannot be read',
    'cause.badAnswer.fix':
      'The supplier sent data SupplyGrid cannot use. If it keeps happening, show the technical details to the supplier.',
  },
  'zh-CN': {
    ...itemProblemsDictionary['zh-CN'],
    'transport.silence': '{where}：超时（{limit} 内没有应答）',
    'transport.deadline': '{where}：{limit} 内没有收到完整应答（这是单个请求的时限，无论数据到达得多慢）',
    'transport.connectFailed': '{where}：连接失败（{code}）',
    'transport.rateLimited': '{where}：请求过多，被限流（HTTP 429）',
    'transport.serverError': '{where}：服务器出错（HTTP {status}）',
    'transport.redirect':
      '{where}：供应商把此请求重定向（HTTP {status}）到 {target}；系统不跟随重定向，以免带签名的请求被发往你没有配置的地址。如果供应商已迁移，请修改连接地址',
    'transport.redirectNowhere':
      '{where}：供应商把此请求重定向（HTTP {status}），却没有给出地址；系统不跟随重定向，以免带签名的请求被发往你没有配置的地址',
    'transport.tooLargeAnnounced': '{where}：应答超过单个响应允许的 {max}（它声明的大小为 {size}），未继续读取',
    'transport.tooLarge': '{where}：应答超过单个响应允许的 {max}（数据一直没有结束），未继续读取',
    'transport.notJson': '{where}：应答不是有效的 JSON（HTTP {status}，开头为 {start}）',
    'transport.tooDeep':
      '{where}：应答（HTTP {status}）中的列表和对象嵌套超过 {max} 层，正常应答不会如此；未读取该应答',
    'transport.waitTooLong':
      '{error}；供应商要求等待 {asked} 后再试，超过此连接最多等待的 {longest}，因此没有重试；请稍后再试',

    'supplier.refused': '{where}：{message}（{code}）',
    'supplier.refusedWithoutWords': '{where}：被拒绝（{code}）',
    'supplier.unexpected': '{where}：SupplyGrid 无法读取该应答（{detail}）',
    'supplier.noField': '{where}：应答中没有“{field}”',
    'supplier.notAList': '{where}：应答中的“{field}”不是列表',
    'supplier.notTheApi': '{where}：HTTP {status}，且不是供应商接口的应答；请检查接口地址',
    'supplier.incomplete': '{where}：未能完整拉取目录（{detail}）；保留了上一次的目录',
    'supplier.malformedPage': '一页的 {total} 条数据中有 {bad} 条格式异常（第一条：{first}：{reason}）',
    'supplier.tooManyProducts':
      '{where}：供应商声称有 {total} 个商品，超过任何目录可能有的 {max} 个；没有开始拉取，保留了上一次的目录',
    'supplier.tooManyPages':
      '{where}：拉取 {total} 个商品需要 {pages} 页，超过一次拉取允许的 {max} 页；没有开始拉取，保留了上一次的目录',
    'supplier.tooManyListings':
      '{where}：供应商的目录列出了 {listings} 个需要读取的列表，超过一次拉取允许的 {max} 个；没有读取它们，保留了上一次的目录',
    'supplier.ipBanned':
      '{where}：SEAGM 因多次超出请求限额封禁了此 IP 地址（HTTP 418）。封禁时长为 30 分钟到 3 天；请等待后再同步。',
    'supplier.hint.bcParameters':
      'BillionConnect 对任何参数错误都答复 1003，包括与应用密钥和应用私钥不符的签名，以及账户没有的销售方式',
    'supplier.hint.clockAhead': '本机时钟比服务器快 {minutes} 分钟，而每个请求都带有时间',
    'supplier.hint.clockBehind': '本机时钟比服务器慢 {minutes} 分钟，而每个请求都带有时间',
    'supplier.fmsCode': '代码 {code}',
    'supplier.fmsCode.2': '代码 2：参数错误',
    'supplier.fmsCode.7': '代码 7：登录令牌已过期',
    'supplier.fmsCode.1102': '代码 1102：时间转换错误',
    'supplier.fmsCode.3004': '代码 3004：订单系统错误',
    'supplier.fmsCode.3005': '代码 3005：缺少二维码',
    'supplier.fmsCode.6006': '代码 6006：预订单已超时',
    'supplier.fmsCode.9999': '代码 9999：一般错误',
    'supplier.fmsCode.10008': '代码 10008：订单不存在',
    'supplier.fmsCode.10009': '代码 10009：价格与预订单不一致',
    'supplier.loginRefused':
      '{where}：{email}（合作方代码 {partnerCode}）登录被拒绝：{message}（{code}）；请检查邮箱、密码和合作方代码',
    'supplier.tokenRefusedAgain':
      '{where}：重新登录后，登录令牌立即再次被拒绝（{code}：{message}）；请向 Linksfield 确认账户是否有效',
    'listing.shortfall': '只看到服务器所报 {total} 个商品中的 {seen} 个',
    'listing.emptyPage': '第 {page}/{pages} 页为空，而服务器报告有 {total} 个商品',
    'listing.repeatedPage': '第 {page}/{pages} 页只列出了前面各页已有的商品',
    'listing.shrank':
      '读取期间有商品移出列表：到第 {page}/{pages} 页时服务器报告的商品总数由 {before} 变为 {after}；已重新读取一次仍不完整，请待店铺停止改动后再同步',
    'listing.shrankWithMany':
      '读取期间有商品移出列表，且上次目录中有 {missing} 个商品缺失，超过可逐个查询的 {max} 个；请待店铺停止改动后再同步',
    'listing.implausibleRise': '第 {page} 页报告有 {total} 个商品，超出 SupplyGrid 可列出的任何目录；已停止读取',
    'listing.halfFiltered': '服务器只对部分页面应用了变更筛选',
    'listing.unwalkable': '第 {entry} 项无法读取（{detail}）',
    'listing.partFailed': '无法拉取{part}：{error}',
    'listing.noCountries': 'Linksfield 没有为合作方 {partner} 列出任何国家',
    'listing.countryUnnamed': '国家列表第 {entry} 项既没有 MCC 也没有名称（{detail}）',
    'listing.countryFailed': '{country} 的套餐列表获取失败：{error}',
    'listing.countryNoList': '{country} 的套餐列表里没有列表',
    'listing.noPackages': 'Linksfield 列出了 {countries} 个国家，但其中没有任何套餐',
    'listing.noPackagesSomeUnusable':
      'Linksfield 列出了 {countries} 个国家，但其中没有任何套餐（{unusable} 个没有可用的编号）',
    'listing.packageFailed': '无法获取套餐 {id} 的详情：{error}',
    'listing.noPackageIds': '{where}：{country} 列出的 {total} 个套餐中有 {bad} 个没有可用的编号',
    'price.noneIn': '没有 {currency}（账户货币）价格；只有 {offered} 价格',
    'price.noneReadable': '没有 {currency}（账户货币）价格，也没有任何币种的可读价格',
    'price.several': '有多个不同的 {currency} 价格（{amounts}）；无法判断适用哪个',
    'price.unreadable': '无法读取的币种条目：{count} 个（第一个：{first}）',
    'seagm.cardCategory': '卡类 {id}（{name}）',
    'seagm.topUpCategory': '充值类 {id}（{name}）',
    'seagm.operator': '运营商 {id}（{name}，{country}）',
    'seagm.operatorsOf': '{country} 的运营商',
    'supplier.noOrderToCancel': '{where}：供应商没有可取消的订单 {key}',
    'supplier.canceledThenGone': '{where}：订单 {key} 已取消，但供应商已不再显示它',
    'supplier.keyTakenNoOrder': '{where}：SEAGM 表示订单 {key} 已存在，却不显示它；再次下单前请先查看 SEAGM 的订单列表',
    'supplier.cannotLookUp':
      '{where}：Linksfield 无法按我们的订单号 {key} 查找订单，也不知道它的预订单编号；再次下单前请先在 Linksfield 后台查看订单',
    'supplier.preOrderGone': '{where}：Linksfield 已不再认识预订单 {order}',
    'supplier.notConfirmedYet': '{where} 还没有确认这个订单，因此无法取消',
    'supplier.otherOrder': '{where}：应答说的是订单 {theirs}，而不是 {ours}',
    'supplier.createUnclear': '{where}：无法读取应答（{detail}），供应商也还没有显示订单 {key}；稍后再次查询',
    'supplier.pushRefused': '{where}：通知被拒绝：{reason}',
    'push.notJson': '正文不是 JSON',
    'push.notNotification': '不是 BillionConnect 的通知（{detail}）',
    'push.unreadable': '{trade} 无法读取（{detail}）',
    'push.noSignature': '没有 x-sign-value 请求头，无法证明它来自 BillionConnect',
    'push.signMethod': 'x-sign-method 为“{method}”；BillionConnect 使用 md5 签名',
    'push.badSignature': 'x-sign-value 不等于 md5(应用私钥 + 正文)：正文被改动过，或用了另一个应用私钥签名',

    'sync.interrupted': '已中断：运行此同步的进程在完成前停止了。已保留上一次的目录。',

    'cause.dns.title': '找不到该地址',
    'cause.dns.fix': '没有叫这个名字的服务器。请检查地址是否有拼写错误，以及本机是否已联网。',
    'cause.refused.title': '连接被拒绝',
    'cause.refused.fix': '服务器存在，但该端口没有服务应答。请检查地址和端口；对方服务可能已停止。',
    'cause.tls.title': '安全连接失败',
    'cause.tls.fix':
      '服务器的证书未被接受，或该地址不支持 https。请确认这是供应商的接口地址，并且开头的 https:// 或 http:// 正确。',
    'cause.timeout.title': '没有及时应答',
    'cause.timeout.fix': '供应商没有应答。请检查地址，或稍后再试。',
    'cause.network.title': '网络错误',
    'cause.network.fix': '连接在途中中断。请检查本机网络后重试。',
    'cause.credentials.title': '密钥或私钥错误',
    'cause.credentials.fix':
      '供应商不接受这些凭据。请从供应商后台重新复制（见各字段下方的说明）；只显示一次的私钥需要重新生成。',
    'cause.credentialsOrSalesMethod.title': '密钥、私钥或销售方式错误',
    'cause.credentialsOrSalesMethod.fix':
      'BillionConnect 对错误的应用密钥、应用私钥以及账户没有的销售方式给出相同的拒绝。请从“API 授权”页面重新复制两者，并向销售代表确认销售方式。',
    'cause.accountDisabled.title': '账户已停用',
    'cause.accountDisabled.fix': '供应商表示该账户或其接口权限已停用或未验证。请联系供应商，或在其后台检查账户。',
    'cause.clock.title': '本机时钟不准',
    'cause.clock.fix': '每个请求都带有时间，供应商认为它不正确。请将本机时钟设为自动同步，然后重试。',
    'cause.rateLimited.title': '当前请求过多',
    'cause.rateLimited.fix': '该账户在供应商处的请求额度暂时用完（可能有同步正在使用）。请等一分钟后重试。',
    'cause.ipBanned.title': '此 IP 地址已被封禁',
    'cause.ipBanned.fix': 'SEAGM 因请求过多封禁了此 IP 地址，时长 30 分钟到 3 天不等。请稍后再试。',
    'cause.wrongAddress.title': '该地址不是供应商的接口',
    'cause.wrongAddress.fix': '有服务应答，但不是该供应商的接口。请检查接口地址（见其说明）。',
    'cause.redirect.title': '该地址重定向到别处',
    'cause.redirect.fix': '带签名的请求从不跟随重定向。如果供应商已迁移，请填写新地址。',
    'cause.serverError.title': '供应商服务器出错',
    'cause.serverError.fix': '问题出在供应商一方。请稍后再试。',
    'cause.fields.title': '请检查标出的字段',
    'cause.fields.fix': '请打开该供应商的设置，改正标出的字段后重试。',
    'cause.secretAgain.title': '请重新输入私钥',
    'cause.secretAgain.fix': '已保存的密钥只会随保存时的设置一起使用：请在该供应商的设置中重新输入。',
    'cause.unknown.title': '操作失败',
    'cause.unknown.fix': '请查看技术详情。',
    'cause.incomplete.title': '部分目录未能拉取',
    'cause.incomplete.fix': '请稍后再同步；如果一直失败，技术详情会说明是哪一部分失败了。',
    'cause.badAnswer.title': '无法读取供应商的应答',
    'cause.badAnswer.fix': '供应商发来的数据无法使用。如果反复出现，请把技术详情发给供应商。',
  },
};
