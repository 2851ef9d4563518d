from sajja.cli import main

main()
