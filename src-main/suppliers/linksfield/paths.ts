/** The eSIM QR Mall (FMS) endpoints, as linksfield-fields.md names them; client and simulator share these. */
export const FMS_PATHS = {
  login: '/user/login',
  countryList: '/package/countryPackageList',
  packageList: '/v1.1/package/packageList',
  packageDetail: '/v1.1/package/detail',
  preOrder: '/v1.1/package/preOrderPackage',
  payment: '/payment/webhook',
  orderStatus: '/package/queryOrdStatusAndEmail',
} as const;
