# corpus-files: scripts/setup.sh
Vagrant.configure("2") do |config|
  config.vm.box = "generic/rocky9"
  config.vm.provision "shell", path: "scripts/setup.sh", args: ["--role", "db"], env: { "DB_PASS" => "secret" }
  config.vm.provision "shell", inline: "uptime", run: "always", privileged: false
  config.vm.provision :file, source: "scripts/setup.sh", destination: "/tmp/setup.sh"
end
