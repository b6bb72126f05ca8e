import { ApolloArmor } from '@escape.tech/graphql-armor';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';

/** Static limits of a document; see `LONGHAUL_MAX_DEPTH`, `LONGHAUL_MAX_ALIASES` in the README. */
export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
}

/** Options of {@link createValidationRules}. */
export interface ValidationRulesOptions {
  limits: DocumentLimits;
  /** Answer `__schema` and `__type`; when false, a document asking for them fails validation. */
  introspection: boolean;
}

/**
 * The validation rules every operation passes on top of graphql-js's own, whatever its transport:
 * graphql-armor's depth, alias and directive limits, and no introspection when it is off. The cost,
 * page sizes and list sizes depend on variables and are checked by `OperationLimits` instead; tokens
 * are counted by the parser (`maxTokens`), so that too long a document is a parse error (400).
 */
export function createValidationRules(options: ValidationRulesOptions): ValidationRule[] {
  const armor = new ApolloArmor({
    maxDepth: { n: options.limits.maxDepth },
    maxAliases: { n: options.limits.maxAliases },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules } = armor.protect();
  return options.introspection ? validationRules : [...validationRules, NoSchemaIntrospectionCustomRule];
}
