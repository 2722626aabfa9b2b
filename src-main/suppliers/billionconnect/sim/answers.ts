import type { SimResponse } from '../../shared/sim/server';
import { PARAMETER_ERROR_CODE, SUCCESS_CODE } from '../client';

/* How the simulated BillionConnect answers every trade: HTTP 200 and a `{tradeCode, tradeMsg, tradeData}` envelope. */

export interface Refusal {
  tradeCode: string;
  tradeMsg: string;
}

/** The vendor's one known refusal, sent for any bad parameter and for a bad signature alike. */
export const PARAMETER_ERROR: Refusal = { tradeCode: PARAMETER_ERROR_CODE, tradeMsg: '参数错误' };

export function ok(tradeData: unknown): SimResponse {
  return { status: 200, body: { tradeCode: SUCCESS_CODE, tradeMsg: '成功', tradeData } };
}

export function refuse(refusal: Refusal): SimResponse {
  return { status: 200, body: { ...refusal, tradeData: null } };
}
