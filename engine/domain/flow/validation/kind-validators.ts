/**
 * The compiled schema of each document kind. The engine and the CLI compile them with ajv when
 * they start (flow-schemas.ts); the studio cannot (its Content-Security-Policy forbids the
 * `new Function` ajv compiles with), so its build turns the same schemas into plain code
 * (standalone-kind-validators.ts). Either way the checks around them are the same.
 */
import type { ValidateFunction } from 'ajv';
import type { FlowSetDocument } from '../flow-document.ts';
import type { DocumentKind } from './schema-catalog.ts';

export type KindValidators = Readonly<Record<DocumentKind, ValidateFunction<FlowSetDocument>>>;
