//! Embeds the saved queries (`queries/*.rq`) and the bundled seed articles
//! (`seeds/*`) into the binary, so adding one is adding a file.

use std::env;
use std::fs;
use std::path::Path;

fn embed(dir: &str, exts: &[&str], out_name: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut entries: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| exts.iter().any(|x| n.ends_with(x)))
                .collect()
        })
        .unwrap_or_default();
    entries.sort();
    let root = env::var("CARGO_MANIFEST_DIR").expect("manifest dir");
    let mut code = String::from("&[\n");
    for name in entries {
        let path = Path::new(&root).join(dir).join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = Path::new(&env::var("OUT_DIR").expect("out dir")).join(out_name);
    fs::write(out, code).expect("write generated file");
}

fn main() {
    embed("queries", &[".rq"], "saved_queries.rs");
    embed("seeds", &[".txt", ".json", ".jsonl"], "seeds.rs");
}
