//! Which operations list a paginated collection, as the conventions' `pagination` describes it:
//! a page-number option, and a success body with one array of items and a pagination object.

use std::collections::BTreeMap;

use crate::config::PaginationConvention;
use crate::diagnostic::Diagnostic;
use crate::ir::{InputTarget, Operation, PageField, Pagination, ResponseBody, Struct, TypeDef, TypeKind, TypeRef};
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
            })
    };
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
    Some(Pagination {
        pages_method: claim(naming::pages_method(&op.method_name)),
        all_method: claim(naming::all_method(&op.method_name)),
        page_option: page_option.name.clone(),
        body_type: body_type.clone(),
        items_field: items.name.clone(),
        item_type: (**item_type).clone(),
        object: PageField {
            name: object_field.name.clone(),
            optional: object_field.optional(),
        },
        current_page: member(&convention.current_page),
        total_pages: member(&convention.total_pages),
        per_page: member(&convention.per_page),
    })
}

fn struct_named<'t>(types: &'t BTreeMap<String, TypeDef>, name: &str) -> Option<&'t Struct> {
    match types.get(name).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => Some(s),
        _ => None,
    }
}
