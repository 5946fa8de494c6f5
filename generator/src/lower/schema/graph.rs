//! What is decided over all types at once: which fields close a cycle, which types hold a secret,
//! which union members are structs.

use super::*;

/// Marks `object_only` on every member of an untagged union that is a struct, and lists the
/// members it requires that may be `null` (`required_nullable`).
pub fn mark_object_members(types: &mut BTreeMap<String, TypeDef>) {
    let structs: BTreeMap<String, Vec<String>> = types
        .values()
        .filter_map(|def| match &def.kind {
            TypeKind::Struct(s) => {
                let required_nullable = s
                    .fields
                    .iter()
                    .filter(|f| f.required && f.nullable && !f.flatten)
                    .map(|f| f.wire_name.clone())
                    .collect();
                Some((def.name.clone(), required_nullable))
            }
            _ => None,
        })
        .collect();
    for def in types.values_mut() {
        if let TypeKind::UntaggedUnion(u) = &mut def.kind {
            for variant in &mut u.variants {
                let member = match &variant.ty {
                    TypeRef::Named { name, .. } => structs.get(name),
                    _ => None,
                };
                variant.object_only = member.is_some();
                variant.required_nullable = member.cloned().unwrap_or_default();
            }
        }
    }
}

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
    let mut walk = Tarjan::default();
    for root in graph.keys() {
        if walk.index.contains_key(root.as_str()) {
            continue;
        }
        walk.enter(root);
        while let Some(&(node, position)) = walk.calls.last() {
            let children = graph.get(node).map_or(&[][..], Vec::as_slice);
            let Some(child) = children.get(position) else {
                walk.leave(node);
                continue;
            };
            if let Some(call) = walk.calls.last_mut() {
                call.1 += 1;
            }
            // A name no type has (left out, or not a struct) leads nowhere.
            let Some((child, _)) = graph.get_key_value(child.as_str()) else {
                continue;
            };
            match walk.index.get(child.as_str()) {
                None => walk.enter(child),
                Some(&child_index) if walk.on_stack.contains(child.as_str()) => walk.lower_to(node, child_index),
                Some(_) => {}
            }
        }
    }
    walk.component
}

/// The state of [`components`]' walk.
#[derive(Default)]
struct Tarjan<'g> {
    /// The order each node was first met in.
    index: HashMap<&'g str, usize>,
    /// The earliest node on the stack each node reaches.
    low: HashMap<&'g str, usize>,
    stack: Vec<&'g str>,
    on_stack: std::collections::HashSet<&'g str>,
    /// The nodes being walked, each with the position of its next child to look at.
    calls: Vec<(&'g str, usize)>,
    component: HashMap<&'g str, usize>,
    components: usize,
}

impl<'g> Tarjan<'g> {
    fn enter(&mut self, node: &'g str) {
        let order = self.index.len();
        self.index.insert(node, order);
        self.low.insert(node, order);
        self.stack.push(node);
        self.on_stack.insert(node);
        self.calls.push((node, 0));
    }

    fn lower_to(&mut self, node: &'g str, reached: usize) {
        if let Some(low) = self.low.get_mut(node) {
            *low = (*low).min(reached);
        }
    }

    /// Every child of `node` seen: what it reaches, its caller reaches; if it reaches nothing
    /// earlier, it and what is above it on the stack are one component.
    fn leave(&mut self, node: &'g str) {
        self.calls.pop();
        let node_low = self.low.get(node).copied().unwrap_or(usize::MAX);
        if let Some(&(parent, _)) = self.calls.last() {
            self.lower_to(parent, node_low);
        }
        if Some(&node_low) == self.index.get(node) {
            while let Some(member) = self.stack.pop() {
                self.on_stack.remove(member);
                self.component.insert(member, self.components);
                if member == node {
                    break;
                }
            }
            self.components += 1;
        }
    }
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
            // A union that keeps what no member takes as JSON would show a secret in `Debug`.
            for def in types.values_mut().filter(|t| t.holds_secret) {
                if let TypeKind::UntaggedUnion(u) = &mut def.kind {
                    u.variants.retain(|v| !v.keeps_any);
                }
            }
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
