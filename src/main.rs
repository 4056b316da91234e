fn main() {
    std::process::exit(mlpath::main_exit_code());
}
