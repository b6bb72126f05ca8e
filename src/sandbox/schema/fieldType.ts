/** The Salesforce field types the sandbox models (the `type` of a describe field). */
export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime';

/** Whether values of `type` are strings (compared case-insensitively in SOQL). */
export function isTextualFieldType(type: FieldType): boolean {
  switch (type) {
    case 'id':
    case 'reference':
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
      return true;
    case 'boolean':
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
    case 'date':
    case 'datetime':
      return false;
    default: {
      const unreachable: never = type;
      return unreachable;
    }
  }
}

/** Whether values of `type` are numbers. */
export function isNumericFieldType(type: FieldType): boolean {
  return type === 'int' || type === 'double' || type === 'currency' || type === 'percent';
}
