//! Keeps `include/ferrojwt.h` in step with the Rust code: regenerates the header in memory with
//! cbindgen and fails when the committed file differs. `FERROJWT_BLESS=1` (`make header`)
//! rewrites the file instead.

use std::path::{Path, PathBuf};

fn generate() -> Result<String, Box<dyn std::error::Error>> {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))?;
    // Taken from Cargo.toml at generation time so the header cannot drift from the library; a
    // version bump makes this test fail until the header is regenerated.
    config.after_includes = Some(format!(
        concat!(
            "\n/** The version of this header, \"MAJOR.MINOR.PATCH\"; compare with ",
            "ferrojwt_version(). */\n",
            "#define FERROJWT_VERSION \"{}\"\n",
            "#define FERROJWT_VERSION_MAJOR {}\n",
            "#define FERROJWT_VERSION_MINOR {}\n",
            "#define FERROJWT_VERSION_PATCH {}\n",
        ),
        env!("CARGO_PKG_VERSION"),
        env!("CARGO_PKG_VERSION_MAJOR"),
        env!("CARGO_PKG_VERSION_MINOR"),
        env!("CARGO_PKG_VERSION_PATCH"),
    ));
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()?;
    let mut out = Vec::new();
    bindings.write(&mut out);
    Ok(String::from_utf8(out)?)
}

fn header_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/ferrojwt.h")
}

#[test]
fn committed_header_matches_the_code() -> Result<(), Box<dyn std::error::Error>> {
    let generated = generate()?;
    let path = header_path();
    if std::env::var_os("FERROJWT_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &generated)?;
        return Ok(());
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != generated {
        let first_difference = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        return Err(format!(
            "{} is stale (first difference at line {}); run `make header` and commit it",
            path.display(),
            first_difference + 1
        )
        .into());
    }
    Ok(())
}
