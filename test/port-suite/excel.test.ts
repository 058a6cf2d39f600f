/** The port contract on the Excel stand-in: Office 2019 (ExcelApi 1.7), 1.12 (comments) and Microsoft 365 (1.18). */
import { describePortContract } from './port-contract';
import { excelHarness } from './excel-harness';

for (const maxApi of ['1.7', '1.12', '1.18']) describePortContract(`Excel stand-in, ExcelApi ${maxApi}`, () => excelHarness(maxApi));
