import type { OrderView } from '../../../src-shared/order-types';
import { useT } from '../../i18n';
import { ordersDictionary } from '../../i18n/orders';
import { useUiStore } from '../../stores/ui';
import { progressSteps, type StepState } from '../../stores/orders-view';
import { formatClock } from './time';
import { useOrderText } from './order-text';

const MARK: Record<StepState, string> = { done: '✓', current: '', todo: '', failed: '✕', warn: '!' };

/** Recorded → sent to the supplier → outcome, each with the time it was reached. */
export function OrderProgress({ order }: { order: OrderView }) {
  const t = useT(ordersDictionary);
  const language = useUiStore((s) => s.language);
  const steps = progressSteps(order);
  const text = useOrderText(order.supplier);
  return (
    <ol className="order-progress" aria-label={t('progress.label')}>
      {steps.map((step) => (
        <li
          key={step.key}
          className={`progress-step ${step.state}`}
          data-step={step.key}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span className="step-dot" aria-hidden="true">
            {MARK[step.state]}
          </span>
          <span className="step-text">
            <span className="step-label">{t(`step.${step.key}`)}</span>
            <span className="step-time muted">
              {step.at ? formatClock(step.at, language) : step.state === 'current' ? t('step.waiting') : ''}
              {step.key === 'sent' && step.state === 'current' && order.upstreamStatus
                ? ` · ${text.word(order.upstreamStatus)}`
                : ''}
            </span>
          </span>
        </li>
      ))}
    </ol>
  );
}
