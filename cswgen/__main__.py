from cswgen.cli import main

main()
