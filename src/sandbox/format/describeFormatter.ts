import type { SObjectCatalog } from '../objects/sobjectCatalog.ts';
import type { FieldDefinition } from '../schema/fieldDefinition.ts';
import type { FieldType } from '../schema/fieldType.ts';
import type { RecordValues } from '../schema/recordValues.ts';
import type { SObjectDefinition } from '../schema/sobjectDefinition.ts';

const soapTypes: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

function objectUrls(def: SObjectDefinition, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** One entry of `GET sobjects` (describeGlobal). */
export function describeGlobalEntry(def: SObjectDefinition, version: string): Record<string, unknown> {
  return {
    activateable: false,
    associateEntityType: null,
    associateParentEntity: null,
    createable: def.createable,
    custom: def.custom,
    customSetting: false,
    deepCloneable: false,
    deletable: def.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: def.keyPrefix,
    label: def.label,
    labelPlural: def.labelPlural,
    layoutable: def.keyPrefix !== null,
    mergeable: false,
    mruEnabled: def.keyPrefix !== null,
    name: def.name,
    queryable: def.queryable,
    replicateable: def.replicateable,
    retrieveable: def.retrieveable,
    searchable: def.searchable,
    triggerable: def.keyPrefix !== null,
    undeletable: def.undeletable,
    updateable: def.updateable,
    urls: objectUrls(def, version),
  };
}

/** One field of `GET sobjects/X/describe`, with every property jsforce's `Field` type lists. */
export function describeField(field: FieldDefinition): Record<string, unknown> {
  const textual = field.length > 0;
  return {
    aggregatable: field.type !== 'textarea',
    aiPredictionField: false,
    autoNumber: field.autoNumber,
    byteLength: textual ? field.length * 3 : 0,
    calculated: field.calculated,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    compoundFieldName: null,
    controllerName: null,
    createable: field.createable,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? false : null,
    defaultValueFormula: null,
    defaultedOnCreate: field.defaultedOnCreate,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: field.type === 'int' ? field.precision : 0,
    displayLocationInDecimal: false,
    encrypted: false,
    externalId: field.externalId,
    extraTypeInfo: field.type === 'textarea' ? (field.length > 255 ? 'plaintextarea' : 'plaintextarea') : null,
    filterable: field.filterable,
    filteredLookupInfo: null,
    formulaTreatNullNumberAsZero: false,
    groupable: field.type !== 'textarea' && field.type !== 'double' && field.type !== 'currency' && field.type !== 'percent' && field.type !== 'datetime',
    highScaleNumber: false,
    htmlFormatted: false,
    idLookup: field.idLookup,
    inlineHelpText: null,
    label: field.label,
    length: field.length,
    mask: null,
    maskType: null,
    name: field.name,
    nameField: field.nameField,
    namePointing: false,
    nillable: field.nillable,
    permissionable: field.nillable && field.createable,
    picklistValues: field.picklistValues.map((value, i) => ({ active: true, defaultValue: field.defaultedOnCreate && i === 0, label: value, validFor: null, value })),
    polymorphicForeignKey: false,
    precision: field.type === 'int' ? 0 : field.precision,
    queryByDistance: false,
    referenceTargetField: null,
    referenceTo: [...field.referenceTo],
    relationshipName: field.relationshipName,
    relationshipOrder: null,
    restrictedDelete: false,
    restrictedPicklist: field.restrictedPicklist,
    scale: field.scale,
    searchPrefilterable: false,
    soapType: soapTypes[field.type],
    sortable: field.sortable,
    type: field.type,
    unique: field.unique,
    updateable: field.updateable,
    writeRequiresMasterRead: false,
  };
}

/** The Id Salesforce gives the implicit Master record type of every object. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/**
 * `recordTypeInfos` of a describe: the object's record types (RecordType records), the first active
 * one the default, then Master, as Salesforce lists them; empty for an object without record types.
 */
export function describeRecordTypeInfos(def: SObjectDefinition, recordTypes: readonly RecordValues[], version: string): Record<string, unknown>[] {
  if (recordTypes.length === 0) return [];
  const defaultId = recordTypes.find((r) => r['IsActive'] === true)?.['Id'] ?? null;
  const info = (id: string, name: string, developerName: string, active: boolean, master: boolean) => ({
    active,
    available: active,
    defaultRecordTypeMapping: master ? defaultId === null : id === defaultId,
    developerName,
    master,
    name,
    recordTypeId: id,
    urls: { layout: `/services/data/v${version}/sobjects/${def.name}/describe/layouts/${id}` },
  });
  return [
    ...recordTypes.map((r) => info(String(r['Id']), String(r['Name']), String(r['DeveloperName']), r['IsActive'] === true, false)),
    info(MASTER_RECORD_TYPE_ID, 'Master', 'Master', true, true),
  ];
}

/**
 * `GET sobjects/X/describe`: the object's flags, fields and child relationships; `recordTypes` are
 * the org's RecordType records of the object (default: none).
 */
export function describeSObject(def: SObjectDefinition, catalog: SObjectCatalog, version: string, recordTypes: readonly RecordValues[] = []): Record<string, unknown> {
  const childRelationships = catalog.all.flatMap((child) =>
    child.fields
      .filter((f) => f.type === 'reference' && f.referenceTo.includes(def.name) && !['CreatedById', 'LastModifiedById'].includes(f.name))
      .map((f) => ({
        cascadeDelete: false,
        childSObject: child.name,
        deprecatedAndHidden: false,
        field: f.name,
        junctionIdListNames: [],
        junctionReferenceTo: [],
        relationshipName: f.relationshipName ? `${child.labelPlural.replace(/\s/g, '')}${f.custom ? '__r' : ''}` : null,
        restrictedDelete: false,
      })));
  return {
    ...describeGlobalEntry(def, version),
    actionOverrides: [],
    childRelationships,
    compactLayoutable: def.keyPrefix !== null,
    defaultImplementation: null,
    extendedBy: null,
    extendsInterfaces: null,
    fields: def.fields.map(describeField),
    implementedBy: null,
    implementsInterfaces: null,
    listviewable: null,
    lookupLayoutable: null,
    namedLayoutInfos: [],
    networkScopeFieldName: null,
    recordTypeInfos: describeRecordTypeInfos(def, recordTypes, version),
    searchLayoutable: def.searchable,
    sobjectDescribeOption: 'FULL',
    supportedScopes: [{ label: 'All records', name: 'everything' }],
    urls: {
      ...objectUrls(def, version),
      compactLayouts: `/services/data/v${version}/sobjects/${def.name}/describe/compactLayouts`,
      layouts: `/services/data/v${version}/sobjects/${def.name}/describe/layouts`,
    },
  };
}
