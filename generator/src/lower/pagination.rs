//! Which operations list a paginated collection: by page number, as the conventions'
//! `pagination` describes it (a page-number option, a success body with one array of items and a
//! pagination object), or by cursor, as `cursor_pagination` (or the document's
//! `x-dropshot-pagination`) says (a cursor option, a body with the items and the next cursor).

use std::collections::BTreeMap;

use crate::config::{CursorPaginationConvention, PaginationConvention};
use crate::diagnostic::Diagnostic;
use crate::ir::{
    Field, InputTarget, Operation, PageField, PageKind, Pagination, ResponseBody, Struct, TypeDef, TypeKind, TypeRef,
};
use crate::naming::{self, Namespace};

/// The operation's pagination, if it follows the convention; its two methods claim their names.
pub fn recognise(
    op: &Operation,
    types: &BTreeMap<String, TypeDef>,
    convention: &PaginationConvention,
    method_names: &mut Namespace,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Pagination> {
    let page_option = op.inputs.iter().find(|input| {
        !input.required
            && matches!(&input.target, InputTarget::Query { wire, .. } if *wire == convention.page_parameter)
            && input.ty == TypeRef::Integer
    })?;
    let [success] = op.success.as_slice() else { return None };
    let ResponseBody::Json(TypeRef::Named { name: body_type, .. }) = &success.body else {
        return None;
    };
    let body = struct_named(types, body_type)?;
    let object_field = body.fields.iter().find(|f| f.wire_name == convention.object)?;
    let TypeRef::Named { name: object_type, .. } = &object_field.ty else {
        return None;
    };
    let object = struct_named(types, object_type)?;
    let mut arrays = body.fields.iter().filter(|f| matches!(f.ty, TypeRef::Array(_)));
    let (Some(items), None) = (arrays.next(), arrays.next()) else {
        return None;
    };
    let TypeRef::Array(item_type) = &items.ty else {
        return None;
    };
    if items.optional() {
        return None;
    }
    let member = |wire: &str| {
        object
            .fields
            .iter()
            .find(|f| f.wire_name == wire && f.ty == TypeRef::Integer)
            .map(|f| PageField {
                name: f.name.clone(),
                optional: f.optional(),
                keeps_null: f.keeps_null,
            })
    };
    let (pages_method, all_method) = claim_methods(op, method_names, warnings);
    Some(Pagination {
        pages_method,
        all_method,
        page_option: page_option.name.clone(),
        body_type: body_type.clone(),
        items_field: items.name.clone(),
        item_type: (**item_type).clone(),
        kind: PageKind::Numbered {
            object: PageField {
                name: object_field.name.clone(),
                optional: object_field.optional(),
                keeps_null: object_field.keeps_null,
            },
            current_page: member(&convention.current_page),
            total_pages: member(&convention.total_pages),
            per_page: member(&convention.per_page),
        },
    })
}

/// The operation's cursor pagination, if it follows `convention`: an optional string query
/// option for the cursor, one success body with one array of items (or one called `items`) and a
/// string field with the next cursor.
pub fn recognise_cursor(
    op: &Operation,
    types: &BTreeMap<String, TypeDef>,
    convention: &CursorPaginationConvention,
    method_names: &mut Namespace,
    warnings: &mut Vec<Diagnostic>,
) -> Option<Pagination> {
    let cursor_option = op.inputs.iter().find(|input| {
        !input.required
            && matches!(&input.target, InputTarget::Query { wire, .. } if *wire == convention.cursor_parameter)
            && input.ty == TypeRef::String
            && !input.secret
    })?;
    let [success] = op.success.as_slice() else { return None };
    let ResponseBody::Json(TypeRef::Named { name: body_type, .. }) = &success.body else {
        return None;
    };
    let body = struct_named(types, body_type)?;
    let next = body
        .fields
        .iter()
        .find(|f| f.wire_name == convention.next_cursor && f.ty == TypeRef::String && f.secret.is_none())?;
    let items = the_items(body)?;
    let TypeRef::Array(item_type) = &items.ty else {
        return None;
    };
    let (pages_method, all_method) = claim_methods(op, method_names, warnings);
    Some(Pagination {
        pages_method,
        all_method,
        page_option: cursor_option.name.clone(),
        body_type: body_type.clone(),
        items_field: items.name.clone(),
        item_type: (**item_type).clone(),
        kind: PageKind::Cursor {
            next: PageField {
                name: next.name.clone(),
                optional: next.optional(),
                keeps_null: next.keeps_null,
            },
        },
    })
}

/// The body's one required array of items, or, among several, the one called `items`.
fn the_items(body: &Struct) -> Option<&Field> {
    let arrays: Vec<&Field> = body
        .fields
        .iter()
        .filter(|f| matches!(f.ty, TypeRef::Array(_)))
        .collect();
    let items = match arrays.as_slice() {
        [one] => *one,
        many => many.iter().copied().find(|f| f.wire_name == "items")?,
    };
    (!items.optional()).then_some(items)
}

/// The two methods of a listing, `…_pages` and `…_all`, each claimed (numbered on a collision).
fn claim_methods(op: &Operation, method_names: &mut Namespace, warnings: &mut Vec<Diagnostic>) -> (String, String) {
    let mut claim = |wanted: String| {
        let (given, holder) = method_names.claim_unique(&wanted, &op.pointer);
        if let Some(holder) = holder {
            let holder = format!("the operation at {holder}");
            warnings.push(naming::renamed_warning(
                &op.pointer,
                "a listing method",
                &wanted,
                &given,
                &holder,
            ));
        }
        given
    };
    (
        claim(naming::pages_method(&op.method_name)),
        claim(naming::all_method(&op.method_name)),
    )
}

fn struct_named<'t>(types: &'t BTreeMap<String, TypeDef>, name: &str) -> Option<&'t Struct> {
    match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => Some(s),
        _ => None,
    }
}
