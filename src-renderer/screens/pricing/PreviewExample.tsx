import type { PricePreview } from '../../../src-main/domain/pricing/price';
import { formatMoney } from '../../components/format';
import { useT } from '../../i18n';
import { pricingDictionary } from '../../i18n/pricing';
import { supplierName } from '../../components/supplier-name';
import { useSuppliersStore } from '../../stores/suppliers';

export function PreviewExample({ example }: { example: PricePreview['examples'][number] }) {
  const t = useT(pricingDictionary);
  const suppliers = useSuppliersStore((s) => s.suppliers);
  const { input, before, after } = example;
  const offer = [input.productId, input.skuId, input.variant]
    .filter(Boolean)
    .filter((part, index, parts) => parts.indexOf(part) === index)
    .join(' / ');
  return (
    <li className="preview-example">
      {example.title && (
        <div className="example-title" title={example.title}>
          {example.title}
        </div>
      )}
      <div className="example-what">
        <span className="example-supplier">{supplierName(suppliers, input.supplierId)}</span>
        <span className="muted example-offer">{offer}</span>
      </div>
      <div className="example-prices">
        <span className="muted example-cost">{t('preview.cost', { cost: formatMoney(input.cost) })}</span>
        <span className="example-change">
          <span className="before">{formatMoney(before.salePrice)}</span>
          <span className="arrow">→</span>
          <strong>{formatMoney(after.salePrice)}</strong>
        </span>
      </div>
    </li>
  );
}
