from zhcheck.app.cli import main

main()
