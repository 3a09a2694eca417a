from checker.app.cli import main

main()
