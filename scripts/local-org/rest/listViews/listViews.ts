/**
 * The UI API's list views (this file: their routes and resources), built from the project's ListView metadata (force-app/.../listViews):
 * list-info (a list view's metadata), list-records (its records as UI API record representations,
 * paged and sorted), list-ui (the list views of an object, or one list view's metadata with its
 * records) and list-info/{object} (the newer collection of an object's list views).
 *
 * A list view's filters become SOQL and run through the org's SOQL engine, so a list view selects
 * exactly what the equivalent query selects, formula fields such as `Is_My_Account__c` included.
 * Column tokens, operations and scopes the local org cannot translate are refused with an error
 * that names the token and the list view's file: nothing is dropped silently.
 */
import type { ListViewMeta } from '../../../metadata/reader';
import { notFound } from '../../errors';
import type { LocalOrg } from '../../org';
import { route } from '../call';
import type { Answer, CallContext, Route } from '../call';
import type { UiApi } from '../uiApi';
import { ListViewAnswers } from './answers';
import { ListViewCatalog } from './catalog';
import { compileView } from './compile';
import type { CompiledView } from './compile';

/** list-info, list-records and list-ui, by object and list view name or by list view id. */
export function listViewRoutes(lists: ListViews): Route[] {
  return [
    route('GET', /^\/ui-api\/list-info\/(\w+)\/(\w+)\/?$/, (m, _q, _b, c) => lists.info(m[1]!, m[2]!, c)),
    route('GET', /^\/ui-api\/list-info\/(\w+)\/?$/, (m, q, _b, c) => lists.infoByIdOrObject(m[1]!, q, c)),
    route('GET', /^\/ui-api\/list-records\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.records(m[1]!, m[2]!, q, c)),
    route('GET', /^\/ui-api\/list-records\/(\w+)\/?$/, (m, q, _b, c) => lists.recordsById(m[1]!, q, c)),
    route('GET', /^\/ui-api\/list-ui\/(\w+)\/(\w+)\/?$/, (m, q, _b, c) => lists.listUi(m[1]!, m[2]!, q, c)),
    route('GET', /^\/ui-api\/list-ui\/(\w+)\/?$/, (m, q, _b, c) => lists.listUiByIdOrObject(m[1]!, q, c)),
  ];
}

export class ListViews {
  private readonly catalog: ListViewCatalog;
  private readonly answers: ListViewAnswers;

  constructor(
    private readonly org: LocalOrg,
    private readonly ui: UiApi,
  ) {
    this.catalog = new ListViewCatalog(org);
    this.answers = new ListViewAnswers(org, ui, this.catalog);
  }

  /** GET ui-api/list-info/{objectApiName}/{listViewApiName}: List Info. */
  info(objectApiName: string, listViewApiName: string, context: CallContext): Answer {
    const view = this.compile(this.find(objectApiName, listViewApiName));
    return { status: 200, body: this.answers.infoBody(view, this.ui.wordsOf(context)) };
  }

  /** GET ui-api/list-records/{objectApiName}/{listViewApiName}: List Record Collection. */
  records(objectApiName: string, listViewApiName: string, params: URLSearchParams, context: CallContext): Answer {
    const view = this.compile(this.find(objectApiName, listViewApiName));
    return { status: 200, body: this.answers.recordsBody(view, params, context) };
  }

  /** GET ui-api/list-ui/{objectApiName}/{listViewApiName}: a list view's metadata with its records. */
  listUi(objectApiName: string, listViewApiName: string, params: URLSearchParams, context: CallContext): Answer {
    return {
      status: 200,
      body: this.answers.listUiBody(this.compile(this.find(objectApiName, listViewApiName)), params, context),
    };
  }

  /** GET ui-api/list-info/{listViewId}, or the object's list views for GET ui-api/list-info/{objectApiName}. */
  infoByIdOrObject(segment: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(segment);
    if (meta) return { status: 200, body: this.answers.infoBody(this.compile(meta), this.ui.wordsOf(context)) };
    return { status: 200, body: this.answers.collection(segment, params, context, 'list-info') };
  }

  /** GET ui-api/list-records/{listViewId}. */
  recordsById(id: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(id);
    if (!meta) throw notFound(`List view ${id} does not exist`);
    return { status: 200, body: this.answers.recordsBody(this.compile(meta), params, context) };
  }

  /** GET ui-api/list-ui/{listViewId}, or the object's list views for GET ui-api/list-ui/{objectApiName}. */
  listUiByIdOrObject(segment: string, params: URLSearchParams, context: CallContext): Answer {
    const meta = this.byId(segment);
    if (meta) return { status: 200, body: this.answers.listUiBody(this.compile(meta), params, context) };
    return { status: 200, body: this.answers.collection(segment, params, context, 'list-ui') };
  }

  private find(objectApiName: string, listViewApiName: string): ListViewMeta {
    return this.catalog.find(objectApiName, listViewApiName);
  }

  private byId(segment: string): ListViewMeta | undefined {
    return this.catalog.byId(segment);
  }

  private compile(meta: ListViewMeta): CompiledView {
    return compileView(this.org.schema, meta, this.catalog.objectNamed(meta.object), this.catalog.idOf(meta));
  }
}
