/**
 * Statistical disclosure control for every figure that leaves the restricted tier. Pure: no I/O, no
 * database; the solver (HiGHS in WebAssembly) is loaded from the package's own file. See docs/ANALYSIS.md.
 */
export { DisclosureInputError, type DimensionCode, type DimensionSpec } from './dimensions.ts';
export { compileRelease, type Coordinates, type CompiledRelease, type InnerCount, type ReleaseSpec, type TableDimension, type TableSpec } from './model.ts';
export {
  protectRelease, type CellInterval, type CellOutcome, type ProtectedCell, type ProtectedRelease, type ProtectedTable, type ProtectionOptions,
  type SuppressionReason,
} from './protect.ts';
