/** Written at build time by scripts/studio-build/flow-kind-validators-plugin.ts. */
declare module 'virtual:flow-kind-validators' {
  export const kindValidators: import('../../../engine/domain/flow/validation/kind-validators.ts').KindValidators;
}
