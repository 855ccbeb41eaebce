/** Every mutant of `npm run mutate`, area by area. */
import type { Mutant } from '../mutant.ts';
import { authMutants } from './auth.ts';
import { chatServiceMutants } from './chat-services.ts';
import { domainFlowMutants } from './domain-flow.ts';
import { domainRuleMutants } from './domain-service-rules.ts';
import { edgeMutants } from './edge.ts';
import { repositoryMutants } from './repositories.ts';

export const mutants: readonly Mutant[] = [...domainFlowMutants, ...domainRuleMutants, ...chatServiceMutants, ...repositoryMutants, ...authMutants, ...edgeMutants];

const ids = new Set<string>();
for (const mutant of mutants) {
  if (ids.has(mutant.id)) throw new Error(`two mutants named ${mutant.id}`);
  ids.add(mutant.id);
}
