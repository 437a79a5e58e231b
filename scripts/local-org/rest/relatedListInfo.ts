/**
 * GET ui-api/related-list-info/{parentObjectApiName}/{relatedListId}: a related list's metadata
 * (Related List Info), its label and column labels in the signed-in person's language. The label
 * is the lookup's relationship label (Stance Signals), translated by the package's object
 * translations; a standard relationship reads as the child object's plural. The local org has no
 * page layouts: the columns are the fields the request names (`fields`, `optionalFields`), else the
 * child's name field.
 */
import { createHash } from 'node:crypto';
import { notFound } from '../errors';
import type { LocalOrg } from '../org';
import { fieldOf } from '../schema/orgSchema';
import type { Answer, CallContext } from './call';

export function relatedListInfo(
  org: LocalOrg,
  parentName: string,
  relatedListId: string,
  params: URLSearchParams,
  context: CallContext,
): Answer {
  const parent = org.schema.object(parentName);
  const rights = org.access.rightsOf(context.session.userId);
  const relationship = parent?.childRelationships.find((child) => child.relationshipName === relatedListId);
  const child = relationship && org.schema.object(relationship.childSObject);
  if (!parent || !relationship || !child || !rights.canRead(child))
    throw notFound(`No related list ${relatedListId} on ${parentName}`);
  const words = org.wordsFor(context.session.userId);
  const lookup = fieldOf(child, relationship.field)!;
  const master = org.metadata.objects.get(child.name)?.fields.get(lookup.name)?.xml.relationshipLabel;
  const label = typeof master === 'string' ? words.relationshipLabel(child, lookup, master) : words.objectPlural(child);
  const named = ['fields', 'optionalFields'].flatMap((key) =>
    (params.get(key) ?? '')
      .split(',')
      .map((name) => name.trim().replace(new RegExp(`^${child.name}\\.`), ''))
      .filter(Boolean),
  );
  const columns = (named.length > 0 ? named : [child.nameField ?? 'Id'])
    .map((name) => fieldOf(child, name))
    .filter((field) => field !== undefined && rights.canReadField(child, field))
    .map((field) => ({
      fieldApiName: field!.name,
      label: words.fieldLabel(child, field!),
      lookupId: field!.type === 'reference' ? field!.relationshipName : null,
      sortable: field!.sortable,
    }));
  const body = {
    cloneable: false,
    createable: rights.object(child).create,
    deletable: rights.object(child).delete,
    displayColumns: columns,
    filterLogicString: null,
    filteredByInfo: [],
    label,
    listReference: {
      id: null,
      inContextOfRecordId: null,
      listViewApiName: null,
      objectApiName: child.name,
      parentObjectApiName: parent.name,
      recordTypeId: null,
      relatedListId,
    },
    objectApiNames: [child.name],
    orderedByInfo: [],
    parentObjectApiName: parent.name,
    themeInfo: null,
    updateable: rights.object(child).edit,
    userPreferences: { columnWidths: {}, columnWrap: {} },
    visibility: 'Public',
    visibilityEditable: false,
  };
  return {
    status: 200,
    body: { eTag: createHash('md5').update(JSON.stringify(body)).digest('hex'), ...body },
  };
}
