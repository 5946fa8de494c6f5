pub fn format(_: &crate::ir::Api, _: ()) -> Result<Vec<crate::GeneratedFile>, crate::Diagnostic> { Ok(vec![]) }
