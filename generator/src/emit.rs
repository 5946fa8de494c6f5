pub fn emit(_: &crate::ir::Api) -> () {}
