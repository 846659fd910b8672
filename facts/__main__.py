from facts.cli import main

main()
