//! What is decided over all types at once: which fields close a cycle, which types hold a secret.

use super::*;

/// Marks `boxed` on every field that would otherwise make a type contain itself.
///
/// Only direct (and `Option`) fields count: `Vec` and maps already put their items on the heap.
pub fn box_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let direct: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_children(def)))
        .collect();
    // A field of `def` naming `name` closes a cycle when `name` reaches `def` back: the two are in
    // one strongly connected component (the field is itself the edge from `def` to `name`).
    let component = components(&direct);
    let cycle = |from: &str, to: &str| from == to || component.get(from).is_some_and(|c| component.get(to) == Some(c));
    for def in types.values_mut() {
        let members: Vec<&mut TypeRef> = match &mut def.kind {
            TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
            TypeKind::OneMember(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
            _ => continue,
        };
        for ty in members {
            if let TypeRef::Named { name, boxed } = ty
                && cycle(name, &def.name)
            {
                *boxed = true;
            }
        }
    }
}

/// The strongly connected component of every node of `graph` (Tarjan's algorithm, without
/// recursion: a document's chains of types are long): two nodes share one when each reaches
/// the other. Linear in the graph, where asking each field whether it reaches its type back
/// walked the graph once per field.
fn components(graph: &BTreeMap<String, Vec<String>>) -> HashMap<&str, usize> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut low: HashMap<&str, usize> = HashMap::new();
    let mut on_stack: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    let mut component: HashMap<&str, usize> = HashMap::new();
    let mut components = 0usize;
    for root in graph.keys() {
        if index.contains_key(root.as_str()) {
            continue;
        }
        // (node, position of the next child to look at)
        let mut calls: Vec<(&str, usize)> = Vec::new();
        let root = root.as_str();
        let order = index.len();
        index.insert(root, order);
        low.insert(root, order);
        stack.push(root);
        on_stack.insert(root);
        calls.push((root, 0));
        while let Some(&(node, position)) = calls.last() {
            let children = graph.get(node).map_or(&[][..], Vec::as_slice);
            if let Some(child) = children.get(position) {
                if let Some(call) = calls.last_mut() {
                    call.1 += 1;
                }
                let Some((child, _)) = graph.get_key_value(child.as_str()) else {
                    continue;
                };
                let child = child.as_str();
                match index.get(child) {
                    None => {
                        let order = index.len();
                        index.insert(child, order);
                        low.insert(child, order);
                        stack.push(child);
                        on_stack.insert(child);
                        calls.push((child, 0));
                    }
                    Some(&child_index) if on_stack.contains(child) => {
                        if let Some(l) = low.get_mut(node) {
                            *l = (*l).min(child_index);
                        }
                    }
                    Some(_) => {}
                }
            } else {
                calls.pop();
                let node_low = low.get(node).copied().unwrap_or(usize::MAX);
                if let Some(&(parent, _)) = calls.last()
                    && let Some(l) = low.get_mut(parent)
                {
                    *l = (*l).min(node_low);
                }
                if Some(&node_low) == index.get(node) {
                    while let Some(member) = stack.pop() {
                        on_stack.remove(member);
                        component.insert(member, components);
                        if member == node {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
    }
    component
}

/// Sets `holds_secret` on every type that contains a secret field at any depth.
pub fn flag_secret_holders(types: &mut BTreeMap<String, TypeDef>) {
    loop {
        let holders: std::collections::BTreeSet<String> = types
            .values()
            .filter(|t| t.holds_secret)
            .map(|t| t.name.clone())
            .collect();
        let mut changed = false;
        for def in types.values_mut() {
            if def.holds_secret {
                continue;
            }
            let holds = match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .any(|f| f.secret.is_some() || refers_to_any(&f.ty, &holders)),
                TypeKind::TaggedUnion(u) => u.variants.iter().any(|v| holders.contains(&v.ty)),
                TypeKind::UntaggedJson { members } => members.iter().any(|m| refers_to_any(m, &holders)),
                TypeKind::UntaggedUnion(u) => u.variants.iter().any(|v| refers_to_any(&v.ty, &holders)),
                TypeKind::OneMember(u) => u.variants.iter().any(|v| refers_to_any(&v.ty, &holders)),
                TypeKind::StringEnum(_) | TypeKind::IntegerEnum(_) => false,
            };
            if holds {
                def.holds_secret = true;
                changed = true;
            }
        }
        if !changed {
            return;
        }
    }
}

fn refers_to_any(ty: &TypeRef, names: &std::collections::BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Named { name, .. } => names.contains(name),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => refers_to_any(inner, names),
        _ => false,
    }
}

fn direct_children(def: &TypeDef) -> Vec<String> {
    match &def.kind {
        TypeKind::TaggedUnion(u) => u.variants.iter().map(|v| v.ty.clone()).collect(),
        kind => kind
            .held_types()
            .into_iter()
            .filter_map(|ty| match ty {
                TypeRef::Named { name, .. } => Some(name.clone()),
                _ => None,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_are_the_cycles_and_a_long_chain_is_no_trouble() {
        let graph: BTreeMap<String, Vec<String>> = [
            ("A", vec!["B"]),
            ("B", vec!["C", "Unknown"]),
            ("C", vec!["A", "D"]),
            ("D", vec!["D"]),
            ("E", vec!["A"]),
        ]
        .into_iter()
        .map(|(node, children)| (node.to_owned(), children.into_iter().map(str::to_owned).collect()))
        .collect();
        let component = components(&graph);
        assert_eq!(component["A"], component["B"]);
        assert_eq!(component["B"], component["C"]);
        assert_ne!(component["C"], component["D"]);
        assert_ne!(component["E"], component["A"]);
        assert!(!component.contains_key("Unknown"));
        // A chain of 100,000 types, each naming the next: no recursion to overflow.
        let chain: BTreeMap<String, Vec<String>> = (0..100_000)
            .map(|i| (format!("T{i}"), vec![format!("T{}", i + 1)]))
            .collect();
        let component = components(&chain);
        assert_ne!(component["T0"], component["T1"]);
    }
}
