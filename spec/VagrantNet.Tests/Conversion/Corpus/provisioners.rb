# corpus-files: scripts/bootstrap.sh files/motd
$script = <<-SCRIPT
echo "provisioning at $(date)"
SCRIPT

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.provision "shell", inline: $script
  config.vm.provision "bootstrap", type: "shell", path: "scripts/bootstrap.sh", args: ["--role", "web"], privileged: false
  config.vm.provision "shell" do |s|
    s.inline = "echo $GREETING > /tmp/greeting"
    s.env = { "GREETING" => "hello" }
    s.run = "always"
  end
  config.vm.provision "file", source: "files/motd", destination: "/tmp/motd"
  config.vm.provision "ansible" do |ansible|
    ansible.playbook = "site.yml"
    ansible.verbose = "v"
  end
  config.vm.provision :shell, inline: "echo done", keep_color: true
end
