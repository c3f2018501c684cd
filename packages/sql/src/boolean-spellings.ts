/**
 * The spellings of true and false a value may have to become a boolean, the same on every SQL
 * dialect (any case): what the conversions turn into true/false and what the boolean precheck
 * lets through (docs/architecture.md: Where each invariant lives).
 */
export const TRUE_SPELLINGS = ['1', 'true', 't', 'yes'] as const;
export const FALSE_SPELLINGS = ['0', 'false', 'f', 'no'] as const;
