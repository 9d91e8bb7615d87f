fn main() {
    // Whether this build uses a profile of scripts/pgo.mjs's training, for the benchmarks to
    // say which build they measured (`addonBuildForBenchmark`).
    let pgo = std::env::var("CARGO_ENCODED_RUSTFLAGS").is_ok_and(|flags| flags.contains("profile-use"));
    println!("cargo:rustc-env=NATIVE_SSR_TRANSFORM_BUILD={}", if pgo { "pgo" } else { "plain" });
    println!("cargo:rerun-if-env-changed=CARGO_ENCODED_RUSTFLAGS");
    napi_build::setup();
}
