import { isDecimalString } from '../domain/money';

/**
 * First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (or as the start
 * of one): the OWASP CSV-injection list. Supplier titles are text from the internet, and a merchant opens
 * these files in a spreadsheet before uploading them, so a title like `=HYPERLINK(...)` must stay text.
 */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Makes a cell safe to open in a spreadsheet by prefixing a single quote, which spreadsheets treat as
 * "this is text" and do not display.
 *
 * Numeric columns are handled deliberately: a plain decimal such as `-1.50` (a negative margin, or
 * Dujiao-Next's `-1` for unlimited stock) is a number, not a formula, so it is written as it is; quoting it
 * would turn it into text and break the store importer's number parsing. Anything else in a numeric
 * column is neutralized like text, so a numeric column can never carry a formula either.
 */
export function neutralizeCell(value: string, numeric = false): string {
  if (value === '') return value;
  if (numeric && isDecimalString(value)) return value;
  return FORMULA_TRIGGERS.includes(value[0]) ? `'${value}` : value;
}
